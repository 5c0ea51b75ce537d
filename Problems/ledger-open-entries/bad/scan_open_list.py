# Known bad (slower): correct, but searches the whole list of open entries for every new
# entry, O(n x open entries).
def open_entries(amounts: list[int]) -> list[int]:
    open_list = []
    for j, x in enumerate(amounts):
        for k, i in enumerate(open_list):
            if amounts[i] == -x:
                del open_list[k]
                break
        else:
            open_list.append(j)
    return open_list
