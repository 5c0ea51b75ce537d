# expect: memory_limit limit=memory
block = bytearray(50 * 2**30)
print(len(block))
