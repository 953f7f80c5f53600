import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel">
      <h1>Page not found</h1>
      <p className="muted">
        Nothing lives at this address. <Link href="/">Back to the overview</Link>
      </p>
    </section>
  );
}
