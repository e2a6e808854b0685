"""Views of the two sites; ``frontend.urls`` picks those of the site this process serves."""
