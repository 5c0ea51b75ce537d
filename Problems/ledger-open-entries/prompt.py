def open_entries(amounts: list[int]) -> list[int]:
    """Reconcile a ledger and return the positions of the entries left open.

    The entries are processed in order, starting with no open entries. When entry j
    (with amount amounts[j]) is processed, if some open entry i has
    amounts[i] == -amounts[j], then the earliest such open entry i and entry j cancel
    each other and both are closed; otherwise entry j becomes open. (A zero amount thus
    cancels the earliest open zero.) Return the indices of the entries that are still open
    after the whole ledger has been processed, in increasing order.

    >>> open_entries([5, 3, -5, 3, -3, 5])
    [3, 5]
    >>> open_entries([0, 7, 0, 0])
    [1, 3]
    >>> open_entries([])
    []
    """
