"""The questionnaire content: questionnaires, the glossary and the action library, parsed
and validated from the YAML files in ``questionnaires/``. The lowest layer."""
