"""Text from articles and data files made safe for the page.

``json.dumps`` alone is not safe inside an HTML ``<script>`` element: a string holding
``</script>`` would end the element, and U+2028/U+2029 break older JavaScript parsers.
Escaping ``<``, ``>`` and ``&`` as ``\\u003c`` etc. keeps the text valid JSON with the same
value, and no HTML parser state can be reached from inside it.

folium builds the page with Jinja, and branca compiles each element's rendered output as a
new template, so ``{{``, ``{%`` or ``{#`` in an article would run as template code. Our
data never passes through that step (``maps.page`` inserts it literally); as a second
guard no template delimiter survives in our JSON, and ``html_text`` writes braces as
character references in labels that folium's own elements carry into its templates.
"""

from __future__ import annotations

import html
import json
import re

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_TABLE = str.maketrans(_ESCAPES)
# Outside strings JSON never has "{" before "{", "%" or "#" (an object's first member is a
# quoted key), so every such brace is inside a string, where \\u007b means "{".
_TEMPLATE_START = re.compile(r"\{(?=[{%#])")


def script_json(value: object) -> str:
    """Compact JSON for embedding in ``<script type="application/json">`` or JS source."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # These characters only occur inside JSON strings, where \\uXXXX means the same thing.
    return _TEMPLATE_START.sub(r"\\u007b", text.translate(_TABLE))


def html_text(text: str) -> str:
    """Text for HTML that folium renders through its templates: escaped, braces as
    character references (the browser shows them; Jinja sees no delimiter)."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def inline_script_text(source: str) -> str:
    """Script or style source made safe to inline: no ``</script``/``</style`` can end it."""
    return (source.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
            .replace("</style", "<\\/style").replace("<!--", "<\\!--"))
