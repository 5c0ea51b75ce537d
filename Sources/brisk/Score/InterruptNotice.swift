import Foundation

/// On Ctrl-C or SIGTERM, says what is kept and how to go on before exiting with 128 + the
/// signal's number. The store commits every sample as it is measured, so an interruption
/// loses only the samples in flight; without this the run just stopped, silently.
final class InterruptNotice: @unchecked Sendable {
  private var sources: [any DispatchSourceSignal] = []

  /// Starts listening; `message` is asked for the text when a signal arrives.
  init(message: @escaping @Sendable () -> String) {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        FileHandle.standardError.write(Data(message().utf8))
        // _exit, not exit: the scoring threads are still running, and exit's static
        // destructors would race them. SQLite rolls back whatever was in flight.
        _exit(128 + number)
      }
      source.resume()
      sources.append(source)
    }
  }
}
