"""JSON that is safe inside an HTML ``<script>`` element.

``json.dumps`` alone is not: a string holding ``</script>`` would end the element, and
U+2028/U+2029 break older JavaScript parsers. Escaping ``<``, ``>`` and ``&`` as ``\\u003c``
etc. keeps the text valid JSON with the same value, and no HTML parser state can be reached
from inside it.
"""

from __future__ import annotations

import json

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_TABLE = str.maketrans(_ESCAPES)


def script_json(value: object) -> str:
    """Compact JSON for embedding in ``<script type="application/json">`` or JS source."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # These characters only occur inside JSON strings, where \\uXXXX means the same thing.
    return text.translate(_TABLE)


def inline_script_text(source: str) -> str:
    """Script or style source made safe to inline: no ``</script``/``</style`` can end it."""
    return (source.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
            .replace("</style", "<\\/style").replace("<!--", "<\\!--"))
