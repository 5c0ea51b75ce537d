// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Brisk",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "brisk-launch", targets: ["brisk-launch"]),
  ],
  targets: [
    // MARK: - Sandbox (C)
    .executableTarget(
      name: "brisk-launch",
      path: "Sandbox/Launcher",
      cSettings: [.define("_GNU_SOURCE"), .unsafeFlags(["-Wall", "-Wextra", "-Wno-unused-parameter"])],
      linkerSettings: [.linkedLibrary("seccomp")]
    ),
  ]
)
