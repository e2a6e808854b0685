"""Admin form base for Enkanal pages."""

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
        for field in self.instance._meta.many_to_many:
            if isinstance(field, ParentalManyToManyField) and field.name in self.cleaned_data:
                field.save_form_data(self.instance, self.cleaned_data[field.name])
        super()._post_clean()
