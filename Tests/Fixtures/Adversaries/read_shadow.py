# expect: runtime_error stderr=No such file or directory
print(open("/etc/shadow").read())
