"""How an export is written: which format a file name asks for, and the printable HTML page.

Below the commands and the app, beside the store: it knows no Textual, no file and no domain rule;
core makes the Markdown, this package turns it into what is written.
"""
