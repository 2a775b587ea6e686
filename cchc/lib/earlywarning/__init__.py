"""Early warning: which open dossiers, steps, tasks and petitions will be late, while there is still time
(pure, no Django). ``survival`` holds the model, ``model`` the item kinds, ``measure`` the backtest's
figures; docs/early-warning.md describes them in plain words."""
