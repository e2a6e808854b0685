"""Forms for what readers type into the sites' addresses and fields."""

from __future__ import annotations

from django import forms

QUERY_MAX_LENGTH = 200
MAX_PAGE = 100


class SearchForm(forms.Form):
    """The search page's parameters, Swedish first: ``q``, ``typ``, ``amne``, ``sida``.

    ``type`` and ``topic`` are accepted for ``typ`` and ``amne`` (links written in
    English). A search address is often hand-edited or truncated, so a bad value is
    never an error page: it falls back to its default (see ``values``) and the form
    keeps the error for whoever wants to show it.
    """

    #: English parameter names read when the Swedish one is absent.
    ALIASES = {"typ": "type", "amne": "topic"}

    q = forms.CharField(required=False)
    typ = forms.ChoiceField(required=False, choices=[("", "")])
    amne = forms.SlugField(required=False, allow_unicode=True, max_length=100)
    sida = forms.IntegerField(required=False, min_value=1)

    DEFAULTS = {"q": "", "typ": "", "amne": "", "sida": 1}

    def __init__(self, query, *, types=()):
        super().__init__({name: self._given(query, name) for name in self.base_fields})
        self.fields["typ"].choices = [("", ""), *((code, code) for code in types)]

    def _given(self, query, name: str) -> str:
        alias = self.ALIASES.get(name)
        return query.get(name) or (query.get(alias) if alias else None) or ""

    def clean_q(self) -> str:
        # A long query is cut, not refused: the reader sees results for its start.
        return self.cleaned_data["q"][:QUERY_MAX_LENGTH]

    def clean_sida(self) -> int:
        return min(self.cleaned_data["sida"] or 1, MAX_PAGE)

    @property
    def values(self) -> dict:
        """The cleaned parameters, each bad one replaced by its default."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or default for name, default in self.DEFAULTS.items()
        }
