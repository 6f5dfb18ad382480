<?cs # person_dossier.cs: the dossier section of a person's page (person.cs, me.cs) — what his file holds, and the file as a page, a PDF and JSON ?>
<section class="panel" aria-labelledby="dossier-h">
  <h2 id="dossier-h"><?cs var:Lang.Privacy.Dossier.Title ?></h2>
  <p><?cs if:Page.Subject.Self ?><?cs var:Lang.Privacy.Dossier.SectionSelf ?><?cs else ?><?cs var:Lang.Privacy.Dossier.SectionIntro ?><?cs /if ?></p>
  <?cs if:subcount(Page.Dossier.Counts) > 0 ?>
  <dl class="details">
    <?cs each:c = Page.Dossier.Counts ?><dt><?cs var:Lang.Privacy.Dossier.Section[c.Key] ?></dt><dd><?cs var:c.Count ?></dd>
    <?cs /each ?>
  </dl>
  <?cs /if ?>
  <div class="actions">
    <a class="btn" href="<?cs var:Page.Prefix ?><?cs var:Page.Dossier.Base ?>"><?cs var:Lang.Privacy.Dossier.View ?></a>
    <a class="btn btn-primary" href="<?cs var:Page.Prefix ?><?cs var:Page.Dossier.Base ?>.pdf"><?cs var:Lang.Privacy.Dossier.Pdf ?></a>
    <a class="btn" href="<?cs var:Page.Prefix ?><?cs var:Page.Dossier.Base ?>.json"><?cs var:Lang.Privacy.Dossier.Json ?></a>
  </div>
  <p class="muted small"><?cs var:Lang.Privacy.Dossier.Audited ?></p>
</section>
