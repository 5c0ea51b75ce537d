# Known bad (slower): correct, but a link always relabels the members of b's group, even
# when that group is the larger one, so joining a newcomer to a big group costs O(n).
def merge_sizes(n: int, links: list[tuple[int, int]]) -> list[int]:
    label = list(range(n))
    members = [[i] for i in range(n)]
    result = []
    for a, b in links:
        la, lb = label[a], label[b]
        if la == lb:
            result.append(0)
            continue
        for x in members[lb]:
            label[x] = la
        members[la].extend(members[lb])
        members[lb] = []
        result.append(len(members[la]))
    return result
