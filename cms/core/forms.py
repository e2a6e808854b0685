"""Admin form base for Enkanal pages."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm


class EnkanalPageForm(WagtailAdminPageForm):
    """Lets the model's ``clean()`` see the submitted many-to-many values.

    modelcluster assigns ``ParentalManyToManyField`` values only on ``save()``, after
    validation; the model's own rules about audiences would otherwise judge the old
    values. Assigning them in memory first keeps one set of rules, in the model, that
    both the admin and code paths such as ``revision.publish()`` go through.
    """

    def _post_clean(self):
        fields = [
            field
            for field in self.instance._meta.many_to_many
            if isinstance(field, ParentalManyToManyField) and field.name in self.cleaned_data
        ]
        for field in fields:
            field.save_form_data(self.instance, self.cleaned_data[field.name])
        # A draft keeps the audiences chosen so far (Wagtail defers required fields the
        # same way); only a submit or publish holds them to the type's rules.
        self.instance.draft_audience_rules_deferred = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance.draft_audience_rules_deferred = False
        # The model's clean() may fill values (a type's fixed audiences); saving assigns
        # cleaned_data again, which would drop them from the saved page and revision.
        for field in fields:
            if field.name in self.cleaned_data:
                self.cleaned_data[field.name] = list(getattr(self.instance, field.name).all())

    def _update_errors(self, errors):
        """Show model errors on fields this form lacks as errors of the whole form.

        Some types leave fields out of their form (a bulletin's fixed audiences); Django
        would raise ``ValueError`` for an error keyed by such a field, a 500 instead of
        a message the editor can read.
        """
        if hasattr(errors, "error_dict"):
            regrouped: dict[str, list] = {}
            for field, messages in errors.error_dict.items():
                key = (
                    field if field == NON_FIELD_ERRORS or field in self.fields else NON_FIELD_ERRORS
                )
                regrouped.setdefault(key, []).extend(messages)
            errors = ValidationError(regrouped)
        super()._update_errors(errors)
