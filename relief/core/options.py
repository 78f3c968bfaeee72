"""A long list of choices for a select box, written as HTML once and reused.

The household list's hamlet filter offers a province's thousand hamlets: written by the
template's loop, option by option, they were a third of the province's list page. An
`OptionList` writes its `<option>` tags once; each page marks the chosen one in that text
(`templates/_macros/forms.html`'s `select` uses it when it is given one).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


class OptionList(list[tuple[str, str]]):
    """(value, label) pairs, as a select box's options, with their tags written once."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        super().__init__((str(value), str(label)) for value, label in pairs)
        self.tags = "".join(
            f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in self
        )

    def html(self, chosen: object = "") -> Markup:
        """The option tags, the one whose value is `chosen` (if any) selected."""
        text = self.tags
        value = "" if chosen is None else str(chosen)
        if value:
            mark = f'<option value="{escape(value)}">'
            text = text.replace(mark, mark[:-1] + " selected>", 1)
        return Markup(text)  # every value and label escaped above
