import { describe, expect, it } from "vitest";
import { addressProblem, isInternalHostname } from "@/server/notify/outbound-address";
import { appRunsLocally } from "@/server/app-url";
import { webhookUrlPolicyProblem } from "@/server/notify/webhook-url-policy";

describe("webhook URL policy", () => {
  it("knows when the app runs locally", () => {
    expect(appRunsLocally("http://localhost:3000")).toBe(true);
    expect(appRunsLocally("http://127.0.0.1:3000")).toBe(true);
    expect(appRunsLocally("http://[::1]:3000")).toBe(true);
    expect(appRunsLocally("https://billing.acme.example")).toBe(false);
  });

  it("accepts public https URLs and refuses this machine when the app is not local", () => {
    const remote = { allowLoopback: false };
    expect(webhookUrlPolicyProblem("https://example.com/hooks", remote)).toBeNull();
    expect(webhookUrlPolicyProblem("https://93.184.215.14/hooks", remote)).toBeNull();
    expect(webhookUrlPolicyProblem("http://localhost:4000/hooks", remote)).toMatch(/this machine/);
    expect(webhookUrlPolicyProblem("https://app.localhost/hooks", remote)).toMatch(/this machine/);
    expect(webhookUrlPolicyProblem("http://127.0.0.1:9/x", remote)).toMatch(/loopback/);
    expect(webhookUrlPolicyProblem("http://2130706433/x", remote)).toMatch(/loopback/); // 127.0.0.1 as one number
    expect(webhookUrlPolicyProblem("https://[::1]/x", remote)).toMatch(/loopback/);
    const local = { allowLoopback: true };
    expect(webhookUrlPolicyProblem("http://localhost:4000/hooks", local)).toBeNull();
    expect(webhookUrlPolicyProblem("http://127.0.0.1:9/x", local)).toBeNull();
    expect(webhookUrlPolicyProblem("http://10.0.0.1/x", local)).toMatch(/private/);
    expect(webhookUrlPolicyProblem("http://example.com/x", local)).toMatch(/https/);
  });

  it("classifies addresses and names", () => {
    for (const ip of ["10.1.1.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::", "fc00::1", "fe80::1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe"]) {
      expect(addressProblem(ip, { allowLoopback: true }), ip).not.toBeNull();
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "2606:4700::1111"]) expect(addressProblem(ip, { allowLoopback: false }), ip).toBeNull();
    expect(addressProblem("127.0.0.2", { allowLoopback: true })).toBeNull();
    expect(addressProblem("::1", { allowLoopback: false })).toMatch(/loopback/);
    expect(isInternalHostname("metadata.google.internal")).toBe(true);
    expect(isInternalHostname("example.com.")).toBe(false);
  });
});
