"""The Budget page: budgets, savings, funding changes and the contract sum, with charts and imports."""
