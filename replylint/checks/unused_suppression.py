"""unused-suppression: replylint comments that cannot suppress anything as written.

A misspelt rule id or directive is visible from the draft alone, so it is reported here like any
rule. Suppressions that are well-formed but dropped no finding can only be known after every rule
ran: `replylint.engine.suppression` reports those under the same id.
"""

from __future__ import annotations

from collections.abc import Iterator

from replylint.document.model import Document
from replylint.rulekit.catalog import catalog, closest_rule
from replylint.rulekit.context import Context
from replylint.rulekit.finding import Fix
from replylint.rulekit.options import NoOptions
from replylint.rulekit.registry import Hit, rule


@rule("unused-suppression")
def malformed_suppressions(document: Document, context: Context[NoOptions]) -> Iterator[Hit]:
    known = catalog()
    for directive in document.directives:
        if not directive.known:
            word = f"replylint-{directive.kind}" if directive.kind else "replylint"
            yield Hit(directive.start, directive.end, "directive", {"word": word})
            continue
        for name in directive.rules:
            if name.name not in known:
                closest = closest_rule(name.name)  # «kaps» -> caps: offered, not applied by --fix alone
                yield Hit(name.start, name.end, "unknown", {"rule": name.name}, suggestion=closest,
                          fix=Fix(name.start, name.end, closest, safe=False) if closest else None)
