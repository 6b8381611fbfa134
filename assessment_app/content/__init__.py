"""The questionnaire content: questionnaires, the glossary and the action library, parsed
and validated from the YAML files in ``assessment_app/questionnaires``. The lowest layer."""
