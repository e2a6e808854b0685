"""The dashboard panel of review dates."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .review import due_by_unit, units_for_user


class ReviewDatesPanel(Component):
    """Overdue and soon-due content of the user's units (all units for communicators)."""

    name = "enkanal_review_dates"
    title = _("Content to review")
    template_name = "editorial/review_dates_panel.html"
    order = 230
    #: Items listed per unit and kind; the rest are counted.
    max_items = 5

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        rows = []
        for unit, due in due_by_unit(units=units_for_user(self.request.user)).items():
            rows.append(
                {
                    "unit": unit,
                    "overdue": due["overdue"][: self.max_items],
                    "overdue_count": len(due["overdue"]),
                    "soon": due["soon"][: self.max_items],
                    "soon_count": len(due["soon"]),
                }
            )
        return {"panel": self, "rows": rows}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:
            return ""
        return super().render_html(parent_context)
