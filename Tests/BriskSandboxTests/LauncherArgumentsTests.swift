import Testing

@testable import BriskSandbox

@Suite(.tags(.small))
struct LauncherArgumentsTests {
  @Test func limitsBecomeFlagsAndTheProgramComesLast() {
    let invocation = SandboxInvocation(
      program: "python3.11", arguments: ["-c", "pass"], policy: .python,
      limits: SandboxLimits(cpuTime: .milliseconds(1500), wallTime: nil, memoryBytes: 1 << 30),
      exposedPaths: [ExposedPath("/data/in.txt"), ExposedPath("/opt/runner", at: "/brisk")],
      environment: ["B": "2", "A": "1"], cpuAffinity: 1, slot: 3)
    let arguments = invocation.launcherArguments()
    #expect(
      arguments.starts(with: ["--policy", "python", "--stdio", "capture", "--cpu-ms", "1500"]))
    #expect(!arguments.contains("--wall-ms"))
    #expect(arguments.suffix(4) == ["--", "python3.11", "-c", "pass"])
    #expect(arguments.contains("/opt/runner:/brisk"))
    let environment = arguments.indices.filter { arguments[$0] == "--env" }.map {
      arguments[$0 + 1]
    }
    #expect(environment == ["A=1", "B=2"])
  }

  @Test func durationsRoundUpToWholeMilliseconds() {
    #expect(Duration.nanoseconds(1).millisecondsRoundedUp == 1)
    #expect(Duration.milliseconds(2).millisecondsRoundedUp == 2)
    #expect(Duration.seconds(3).millisecondsRoundedUp == 3000)
  }
}
