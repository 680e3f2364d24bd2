"""Articles as the reader shows and writes them: bylines, dates, Markdown export."""
