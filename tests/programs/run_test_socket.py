"""Run CPython's test.test_socket and print one comparable summary line
(and, with an argument, write the ids of failing tests to that file).

VSOCK tests are left out: on machines where the kernel offers AF_VSOCK
without a hypervisor peer (containers, sandboxes) they block in accept()
natively, with or without the shim.
"""
import sys
import unittest

import test.test_socket as ts


def keep(test):
    return "VSOCK" not in test.id() and "Vsock" not in test.id()


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


def main():
    loader = unittest.TestLoader()
    tests = unittest.TestSuite(t for t in flatten(loader.loadTestsFromModule(ts)) if keep(t))
    result = unittest.TextTestRunner(stream=sys.stderr, verbosity=0).run(tests)
    bad = sorted(t.id() for t, _ in result.failures + result.errors)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            f.write("".join(i + "\n" for i in bad))
    print(f"run={result.testsRun} failures={len(result.failures)} errors={len(result.errors)} "
          f"skipped={len(result.skipped)} expected_failures={len(result.expectedFailures)} "
          f"unexpected_successes={len(result.unexpectedSuccesses)}")


if __name__ == "__main__":
    main()
