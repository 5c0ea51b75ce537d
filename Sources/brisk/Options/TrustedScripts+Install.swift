import Brisk
import Foundation

extension TrustedScripts {
  /// The scripts, installed; a warning on standard error when the sandbox must serve the
  /// interpreter from the host's disk rather than a tmpfs copy.
  static func installForCommand() throws -> TrustedScripts {
    let scripts = try TrustedScripts.install()
    if let reason = scripts.systemUnavailable {
      FileHandle.standardError.write(
        Data(
          ("warning: the sandbox serves the interpreter from the host's disk, where a sample "
            + "can time what an earlier call looked up (\(reason))\n").utf8))
    }
    return scripts
  }
}
