"""The shipped templates, in an installed policykit.

In a checkout the templates live in the repository's top-level ``templates/``
folder, where people edit them, and this package is empty. When a wheel is
built, pyproject.toml maps this package to ``templates/`` (see
``[tool.setuptools.package-dir]``), so an installed policykit finds them here.
"""
