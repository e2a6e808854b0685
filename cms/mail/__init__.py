"""The e-mail channel: subscriptions, dispatches, deliveries, webhooks and templates."""
