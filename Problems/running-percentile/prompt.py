def running_percentile(latencies: list[int], p: int) -> list[int]:
    """Report the nearest-rank p-th percentile of a stream after every new sample.

    latencies holds n >= 0 measurements in the order they arrive; 1 <= p <= 100. After
    the first m samples (m = 1 .. n), sort them ascending as s_1 <= s_2 <= ... <= s_m;
    their nearest-rank p-th percentile is s_r with r = ceil(p * m / 100). Return the
    list of these n percentiles, the m-th entry being the percentile of the first m
    samples.

    >>> running_percentile([5, 1, 9, 3], 50)
    [5, 1, 5, 3]
    >>> running_percentile([4, 4, 2, 8, 6], 100)
    [4, 4, 4, 8, 8]
    >>> running_percentile([], 90)
    []
    """
