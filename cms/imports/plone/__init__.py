"""Moving in from Plone: the plone.restapi client, the mapping rules and the readers."""
