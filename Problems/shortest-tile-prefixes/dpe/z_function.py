# A DPE level: the Z-function (longest common prefix of s and s[p:] for every p), then a
# sweep that gives each prefix length L the smallest p with p + z[p] >= L. O(n), but two
# Python passes with more work per character.
def tile_lengths(s: str) -> list[int]:
    n = len(s)
    if not n:
        return []
    z = [0] * n
    left = right = 0
    for i in range(1, n):
        if i < right:
            zi = min(right - i, z[i - left])
        else:
            zi = 0
        while i + zi < n and s[zi] == s[i + zi]:
            zi += 1
        z[i] = zi
        if i + zi > right:
            left, right = i, i + zi
    answer = [0] * (n + 1)
    next_length = 1
    for p in range(1, n + 1):
        while next_length <= p:
            answer[next_length] = next_length
            next_length += 1
        if p < n:
            end = p + z[p]
            while next_length <= end:
                answer[next_length] = p
                next_length += 1
    return answer[1:]
