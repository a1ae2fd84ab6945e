"""The national overview's filters."""

from django import forms

from reports.national import rules as national


class NationalFilterForm(forms.Form):
    """Filters and sort order of the national overview. Unknown values are ignored."""

    region = forms.ChoiceField(label="Region", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=national.STATUS_CHOICES)
    judgement = forms.ChoiceField(label="Judgement", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=national.SORT_CHOICES)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [(r, r) for r in regions]  # type: ignore[attr-defined]  # a ChoiceField
        self.fields["judgement"].choices = national.judgement_choices()  # type: ignore[attr-defined]  # a ChoiceField

    def filters(self) -> dict:
        chosen = {"region": "", "status": "", "judgement": "", "sort": "name"}
        if self.is_bound:
            self.is_valid()
            for name in chosen:
                # A bad value in one filter drops that filter only.
                if name not in self.errors and self.cleaned_data.get(name):
                    chosen[name] = self.cleaned_data[name]
        return chosen
