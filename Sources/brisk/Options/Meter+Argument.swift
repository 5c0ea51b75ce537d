import ArgumentParser
import Brisk

extension Meter: ExpressibleByArgument {}
