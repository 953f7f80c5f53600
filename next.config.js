/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ owns /api and /metrics; Next serves pages only.
  serverExternalPackages: ['kafkajs', '@nats-io/transport-node', '@nats-io/jetstream', 'prom-client'],
};

module.exports = nextConfig;
