"""Renders Markdown documents with cmark-gfm, GitHub's renderer, with GitHub's extensions.

Reads a JSON list of Markdown strings on stdin and writes the JSON list of HTML strings, so a
test can render many documents in one process. Raw HTML is kept (like GitHub before its
sanitiser) so a test sees any HTML the input managed to produce.
"""
import json
import sys

import cmarkgfm
from cmarkgfm.cmark import Options

EXTENSIONS = ["table", "autolink", "strikethrough", "tagfilter"]

documents = json.load(sys.stdin)
html = [
    cmarkgfm.markdown_to_html_with_extensions(doc, options=Options.CMARK_OPT_UNSAFE, extensions=EXTENSIONS)
    for doc in documents
]
json.dump(html, sys.stdout)
