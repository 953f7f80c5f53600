import { HealthBadges } from '@/components/overview/health-badges';
import { OverviewPage } from '@/components/overview/overview-page';

export default function Page() {
  return (
    <>
      <HealthBadges />
      <OverviewPage />
    </>
  );
}
