<?cs # overview.cs: the consultant's overview across clients — what waits for the agency, and each client's pipeline (its tables: overview_tables.cs, kept apart as Page.Body) ?>
<?cs def:title() ?><?cs var:Lang.Vacancies.Overview.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Vacancies.Overview.Title ?></h1>
  <a class="btn" href="<?cs var:Page.Prefix ?>/vacancies/"><?cs var:Lang.Vacancies.Overview.AllVacancies ?></a></div>
<?cs # Page.Body is HTML that overview_tables.cs rendered with this page's escaping (overview.c, kept per process), never a value a user sent: printed as it is. ?>
<?cs uvar:Page.Body ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
