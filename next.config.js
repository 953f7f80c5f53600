/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ owns /api and /metrics; Next serves pages only.
  serverExternalPackages: ['kafkajs', '@nats-io/transport-node', '@nats-io/jetstream', 'prom-client'],
  experimental: {
    // Next loads every page's code right after start, in the background: 0.3-0.5 s of one thread on this
    // machine, while /api/healthz and the sources' catch-up wait behind it. Pages load on first visit instead.
    preloadEntriesOnStart: false,
  },
};

module.exports = nextConfig;
