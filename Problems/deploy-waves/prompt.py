def deploy_waves(n: int, deps: list[tuple[int, int]]) -> list[int]:
    """Return the deployment wave of each of the services 0..n-1.

    A pair (a, b) in deps means that service b depends on service a, so b can only be
    deployed in a wave strictly after the wave that deploys a. Wave 1 deploys every
    service with no dependencies at all; each later wave k deploys every service that is
    not yet deployed and whose dependencies were all deployed in waves 1..k-1. Deployment
    stops when a wave would deploy nothing. A service caught in a dependency cycle (a
    service that depends on itself is such a cycle), or depending directly or indirectly
    on such a service, is never deployed.

    The i-th entry of the result is the wave that deploys service i, or 0 if service i is
    never deployed. deps may list the same pair more than once; every a and b satisfies
    0 <= a, b < n.

    >>> deploy_waves(5, [(0, 1), (1, 2), (0, 2), (3, 3)])
    [1, 2, 3, 0, 1]
    >>> deploy_waves(4, [(0, 1), (1, 2), (2, 1), (2, 3)])
    [1, 0, 0, 0]
    >>> deploy_waves(0, [])
    []
    """
