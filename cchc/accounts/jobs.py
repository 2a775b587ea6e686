"""Background work of accounts: the password-reset e-mail.

Sending it from the worker makes the request's answer take the same time whether the address belongs
to an account or not (no lookup, no SMTP conversation in the request), so timing does not tell which
addresses exist.
"""

from __future__ import annotations

from django.tasks import task


@task()
def send_password_reset(email: str, domain: str, use_https: bool, reset_validity: str) -> str:
    from cchc.accounts.forms import ResetRequestForm

    form = ResetRequestForm({"email": email})
    if not form.is_valid():
        return "invalid"
    form.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.txt",
        extra_email_context={"reset_validity": reset_validity},
    )
    return "done"
