"""Form helpers shared by every app's GOV.UK forms."""

from typing import TYPE_CHECKING

from django import forms

if TYPE_CHECKING:
    # The mixin goes before a Form class; for the type checker it is one.
    _FormBase = forms.BaseForm
else:
    _FormBase = object

# crispy-forms-gds marks only text inputs, selects and textareas as in error.
_UNMARKED_INPUTS = (forms.EmailInput, forms.NumberInput, forms.URLInput, forms.PasswordInput, forms.DateInput)


class GovukFormMixin(_FormBase):
    """Give every input in error the GOV.UK error border, whatever its widget."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, _UNMARKED_INPUTS):
                classes = field.widget.attrs.get("class", "")
                if "govuk-input--error" not in classes:
                    field.widget.attrs["class"] = f"{classes} govuk-input govuk-input--error".strip()


def optional_choice_field(label: str, choices, *, what: str, blank: str = "") -> forms.ChoiceField:
    """A select that may be left at its first choice, `blank` ("Any <what>" unless given): a
    queue's filter, or a standard's dimension that applies to any value."""
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", blank or f"Any {what}"), *choices],
        # "Select ... from" reads to the linter as SQL: it is the GOV.UK message.
        error_messages={"invalid_choice": f"Select a {what} from the list"},  # noqa: S608
    )


def posted(request):
    """The form data of a POST, even an empty one (an empty QueryDict is falsy), else None: what a
    form page passes to its form, so a GET shows it unbound and a POST, however empty, validates."""
    return request.POST if request.method == "POST" else None
