import CBriskSystem

/// Whether the CPU's performance-monitoring unit is visible to this process.
public enum HardwareCounters {
  /// True when perf_event_open can count instructions here (false on VMs without a PMU).
  public static var available: Bool { brisk_probe_instruction_counter() == 0 }
}
