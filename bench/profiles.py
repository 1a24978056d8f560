"""Visitor profiles for bench/benchmark.py: a browser context's size and touch, and the network and CPU
conditions Chromium emulates through its DevTools protocol (Network.emulateNetworkConditions,
Emulation.setCPUThrottlingRate)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    latency_ms: float  # added to every request's round trip
    down_kbit: float  # throughput, kilobits per second
    up_kbit: float
    cpu_slowdown: float  # 1 = the machine's own speed
    viewport: tuple[int, int]
    mobile: bool = False
    device_scale_factor: float = 1

    def context_options(self) -> dict:
        width, height = self.viewport
        return {"viewport": {"width": width, "height": height}, "is_mobile": self.mobile, "has_touch": self.mobile,
                "device_scale_factor": self.device_scale_factor}

    def apply(self, cdp) -> None:
        """Throttle the page behind `cdp` (a CDP session with Network enabled); a profile without a
        throughput leaves the network alone."""
        if self.down_kbit <= 0:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu_slowdown})
            return
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False,
            "latency": self.latency_ms,
            "downloadThroughput": self.down_kbit * 1000 / 8,  # bytes per second
            "uploadThroughput": self.up_kbit * 1000 / 8,
        })
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu_slowdown})

    def describe(self) -> dict:
        return {"latency_ms": self.latency_ms, "down_kbit_s": self.down_kbit, "up_kbit_s": self.up_kbit,
                "cpu_slowdown": self.cpu_slowdown, "viewport": list(self.viewport), "mobile": self.mobile,
                "device_scale_factor": self.device_scale_factor}


PROFILES = {
    # a laptop on an ordinary broadband line
    "desktop": Profile("desktop", latency_ms=40, down_kbit=10_000, up_kbit=10_000, cpu_slowdown=1,
                       viewport=(1280, 800)),
    # a mid-range phone on a slow mobile connection (Lighthouse's "slow 4G" numbers), 390 x 844 CSS pixels
    "phone": Profile("phone", latency_ms=150, down_kbit=1_600, up_kbit=750, cpu_slowdown=4, viewport=(390, 844),
                     mobile=True, device_scale_factor=3),
    # no emulation: loopback at the machine's speed (the previous benchmark's setting; --quick and interactions)
    "unthrottled": Profile("unthrottled", latency_ms=0, down_kbit=0, up_kbit=0, cpu_slowdown=1,
                           viewport=(1400, 1000)),
}
