import json

from django import forms
from django.apps import apps
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .roles import SCOPE_MODELS, Role, Scope, scope_for


class StyledFormMixin:
    """Gives every widget Bootstrap's classes, so templates render fields without per-field markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_error(self, field, error):
        # Every error marks its field: the form's own, and a service's refusal added after validation (add_refusal).
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                # A widget replaced after __init__ (a hidden input, say) has no class yet.
                attrs = self.fields[name].widget.attrs
                classes = attrs.get("class", "")
                if "is-invalid" not in classes.split():
                    attrs["class"] = f"{classes} is-invalid".strip()


def add_refusal(form, error) -> None:
    """A service's refusal (a ValidationError) on the form: an error naming one of its fields beside that field,
    any other above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_error_messages(form) -> list[str]:
    """A refused form's errors as messages for a page that redirects: each field's named by its label."""
    result = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        result.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return result


class InvitationForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"))
    cluster = forms.ModelChoiceField(
        label=_("Cluster"), queryset=None, required=False, help_text=_("For cluster and referent roles.")
    )
    organisation = forms.ModelChoiceField(
        label=_("Advisor organisation"), queryset=None, required=False, help_text=_("For advisory roles.")
    )

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in roles]
        # Which scope field each role needs, for the page script that shows only that field.
        self.fields["role"].widget.attrs["data-scopes"] = json.dumps({role: scope_for(role) or "" for role in roles})
        self.fields["cluster"].queryset = apps.get_model(SCOPE_MODELS[Scope.CLUSTER]).objects.all()
        self.fields["organisation"].queryset = apps.get_model(SCOPE_MODELS[Scope.ORGANISATION]).objects.all()
        if not any(scope_for(role) == Scope.CLUSTER for role in roles):
            del self.fields["cluster"]

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        scope_kind = scope_for(role) if role else None
        cleaned["scope"] = None
        if scope_kind == Scope.CLUSTER:
            if not cleaned.get("cluster"):
                self.add_error("cluster", _("Choose the cluster this role applies to."))
            cleaned["scope"] = cleaned.get("cluster")
        elif scope_kind == Scope.ORGANISATION:
            if not cleaned.get("organisation"):
                self.add_error("organisation", _("Choose the organisation this role applies to."))
            cleaned["scope"] = cleaned.get("organisation")
        return cleaned


class AcceptInvitationForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            from .models import User

            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class RawCheckboxInput(forms.CheckboxInput):
    """A checkbox that hands its field the value as sent (CheckboxInput would turn any text into True)."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class YesNoField(forms.BooleanField):
    """A checkbox that takes only what a checkbox sends (or true / false): any other value is an error, not a yes."""

    widget = RawCheckboxInput
    TRUE, FALSE = {"on", "true", "1"}, {"", "off", "false", "0"}

    def to_python(self, value):
        if value is None or value is False:
            return False
        if value is True:
            return True
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Tick the box or leave it empty."), code="invalid")


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of notification this person receives: by email or in the platform only. Kinds that keep
    the account safe are shown ticked and cannot be turned off."""

    def __init__(self, *args, kinds, initial_choices: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            self.fields[kind.code] = YesNoField(
                label=kind.label,
                required=False,
                initial=initial_choices.get(kind.code, True),
                disabled=kind.is_always_emailed,
                help_text=_("Always sent by email: it cannot be turned off.") if kind.is_always_emailed else "",
            )
