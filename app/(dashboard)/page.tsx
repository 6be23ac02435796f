export default function Overview() {
  return <main>Overview</main>;
}
