"""Admin panels for article fields whose values the page type decides in part.

An editor should never be refused for leaving out something the type always has: the
audiences a type requires are shown ticked and locked, and a read-only value that is
not there yet says when it will be, instead of "None".
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class LockedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes where the options in ``locked`` are ticked and cannot be changed.

    A locked option is rendered disabled with a hidden input of the same name and
    value, so the form still posts it; options outside ``allowed`` (when given) are
    disabled and unticked. The model's ``clean()`` still enforces the rule.
    """

    option_template_name = "core/widgets/locked_checkbox_option.html"

    def __init__(self, *args, locked=frozenset(), allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = frozenset(locked)
        self.allowed = frozenset(allowed) if allowed is not None else None

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.locked, obj.allowed = self.locked, self.allowed
        return obj

    def value_from_datadict(self, data, files, name):
        """What was posted, with the locked options added and forbidden ones dropped.

        Disabled checkboxes are not posted by a browser, and a crafted POST may leave
        the hidden inputs out; the rule is enforced here, on the server, either way.
        """
        values = super().value_from_datadict(data, files, name)
        if not self.locked and self.allowed is None:
            return values
        codes = dict(self.choices.queryset.values_list("pk", "code"))
        kept = [
            value
            for value in values
            if self.allowed is None or codes.get(_as_pk(value)) in self.allowed
        ]
        locked = [str(pk) for pk, code in codes.items() if code in self.locked]
        return list(dict.fromkeys([*kept, *locked]))

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        """Tick and lock the required options; disable the ones the type forbids."""
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        code = getattr(getattr(value, "instance", None), "code", None)
        option["locked"] = code in self.locked
        if option["locked"]:
            option["selected"] = True
            option["attrs"].update(checked=True, disabled=True)
        elif self.allowed is not None and code not in self.allowed:
            option["selected"] = False
            option["attrs"].pop("checked", None)
            option["attrs"]["disabled"] = True
        return option


def _as_pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class AudiencePanel(FieldPanel):
    """The audiences as checkboxes, with the page type's required ones locked."""

    def __init__(self, field_name="audiences", *args, **kwargs):
        super().__init__(field_name, *args, **kwargs)

    def on_model_bound(self):
        """Read the type's rules (``fixed_audience_codes``, ``mandatory_audience_codes``)."""
        super().on_model_bound()
        fixed = frozenset(getattr(self.model, "fixed_audience_codes", ()))
        mandatory = frozenset(getattr(self.model, "mandatory_audience_codes", ()))
        allowed = frozenset(getattr(self.model, "allowed_audience_codes", ()))
        self.widget = LockedCheckboxSelectMultiple(
            locked=fixed or mandatory, allowed=fixed or allowed or None
        )
        if fixed or mandatory:
            self.help_text = self.help_text or _(
                "The page type requires the preselected audiences."
            )


class ReadOnlyDatePanel(FieldPanel):
    """A read-only date that shows ``empty_text`` until it is set."""

    def __init__(self, field_name, *args, empty_text="", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)
        self.empty_text = empty_text

    def clone_kwargs(self):
        """Keep ``empty_text`` on the model-bound copy."""
        kwargs = super().clone_kwargs()
        kwargs["empty_text"] = self.empty_text
        return kwargs

    def format_value_for_display(self, value):
        """The date in Swedish style, or what happens while it is empty."""
        if value is None:
            return self.empty_text or "–"
        return date_format(value, "j F Y")
