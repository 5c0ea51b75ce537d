# expect: ok stdout=all good
import bisect, collections, decimal, fractions, functools, heapq, itertools, json, math, random, re
import threading

random.seed(7)
values = [random.randint(0, 1000) for _ in range(1000)]
heap = list(values)
heapq.heapify(heap)
assert heapq.heappop(heap) == min(values)
ordered = sorted(values)
assert bisect.bisect_left(ordered, ordered[500]) <= 500
assert collections.Counter(values).most_common(1)[0][1] >= 1
assert math.isqrt(10**20) == 10**10
assert list(itertools.accumulate([1, 2, 3])) == [1, 3, 6]
assert functools.reduce(lambda a, b: a * b, range(1, 6)) == 120
assert re.findall(r"\d+", "a1b22c333") == ["1", "22", "333"]
assert json.loads(json.dumps({"k": [1, 2.5, None]})) == {"k": [1, 2.5, None]}
assert fractions.Fraction(1, 3) + fractions.Fraction(1, 6) == fractions.Fraction(1, 2)
assert decimal.Decimal("0.1") + decimal.Decimal("0.2") == decimal.Decimal("0.3")

results = []
threads = [threading.Thread(target=lambda i=i: results.append(sum(range(i * 1000)))) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(results) == 4
print("all good")
