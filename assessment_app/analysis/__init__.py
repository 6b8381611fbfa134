"""What the answers mean: scoring, the ranked plan, drill-downs, gap rows, the radar
geometry and colours shared by the screen and the PDF, and the answering session's rules.
Plain Python over the store and the content."""
