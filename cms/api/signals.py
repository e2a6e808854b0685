"""Side effects of publishing on the API: purging a CDN in front of it."""
