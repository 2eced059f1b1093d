import { Layout, type PageContext } from '../layout.tsx';

/** The coordinators' home: who is signed in; the publishing pages hang below it. */
export function CoordinationPage({ context }: { context: PageContext }) {
  return (
    <Layout context={context} title="Espace coordination">
      <div class="fr-container fr-pt-6w fr-pb-12w">
        <h1>Espace coordination</h1>
        <p>
          Bonjour {context.user?.name ?? ''}. Depuis cet espace, l’équipe de coordination publie,
          corrige et retire les ressources de Repères.
        </p>
      </div>
    </Layout>
  );
}
