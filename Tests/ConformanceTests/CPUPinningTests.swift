import Conformance
import Testing

/// `CPUPinning` keeps a job's thread on one CPU while it runs, and only then.
struct CPUPinningTests {
  @Test func aJobRunsOnOneCPUAndGetsItsCPUsBack() {
    let before = CPUPinning.currentThreadCPUCount
    #expect(before >= 1, "the thread's CPUs can be read on Linux")
    let inside = CPUPinning.withPinnedThread(job: 0, of: 1) { CPUPinning.currentThreadCPUCount }
    #expect(inside == 1)
    #expect(CPUPinning.currentThreadCPUCount == before)
    // A job number past the CPUs wraps around; it is still one CPU.
    let wrapped = CPUPinning.withPinnedThread(job: before + 1, of: 1) {
      CPUPinning.currentThreadCPUCount
    }
    #expect(wrapped == 1)
    #expect(CPUPinning.currentThreadCPUCount == before)
  }

  @Test func nothingIsPinnedWhenOffOrWithMoreJobsThanCPUs() {
    let before = CPUPinning.currentThreadCPUCount
    let off = CPUPinning.withPinnedThread(job: 0, of: 1, enabled: false) {
      CPUPinning.currentThreadCPUCount
    }
    #expect(off == before)
    let crowded = CPUPinning.withPinnedThread(job: 0, of: before + 1) {
      CPUPinning.currentThreadCPUCount
    }
    #expect(crowded == before)
  }
}
