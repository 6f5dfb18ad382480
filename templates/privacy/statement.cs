<?cs # statement.cs: the public privacy statement — the controller, the register of processing (conf/privacy.hdf), the rights of the person and how to use them ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Statement.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Statement.Title ?></h1></div>
<section class="panel" aria-labelledby="who-h">
  <h2 id="who-h"><?cs var:Lang.Privacy.Statement.Who ?></h2>
  <p><?cs var:Lang.Privacy.Statement.WhoIntro ?></p>
  <dl class="details">
    <dt><?cs var:Lang.Privacy.Statement.Controller ?></dt><dd><?cs var:Page.Controller.Name ?></dd>
    <dt><?cs var:Lang.Privacy.Statement.Address ?></dt><dd><?cs var:Page.Controller.Address ?></dd>
    <dt><?cs var:Lang.Privacy.Statement.Email ?></dt><dd><a href="mailto:<?cs var:url_escape(Page.Controller.Email) ?>"><?cs var:Page.Controller.Email ?></a></dd>
    <dt><?cs var:Lang.Privacy.Statement.Officer ?></dt><dd><?cs var:Page.Controller.Officer ?></dd>
  </dl>
</section>
<section aria-labelledby="what-h">
  <h2 id="what-h"><?cs var:Lang.Privacy.Statement.What ?></h2>
  <?cs each:e = Page.Register ?>
  <section class="panel" aria-labelledby="reg-<?cs var:e.Code ?>">
    <h3 id="reg-<?cs var:e.Code ?>"><?cs var:e.Name ?></h3>
    <dl class="details">
      <dt><?cs var:Lang.Privacy.Register.Purpose ?></dt><dd><?cs var:e.Purpose ?></dd>
      <dt><?cs var:Lang.Privacy.Register.Basis ?></dt><dd><?cs var:e.Basis ?></dd>
      <dt><?cs var:Lang.Privacy.Register.Data ?></dt><dd><?cs var:e.Data ?></dd>
      <dt><?cs var:Lang.Privacy.Register.Retention ?></dt><dd><?cs var:e.Retention ?></dd>
      <dt><?cs var:Lang.Privacy.Register.Recipients ?></dt><dd><?cs var:e.Recipients ?></dd>
    </dl>
  </section>
  <?cs /each ?>
</section>
<section class="panel" aria-labelledby="rights-h">
  <h2 id="rights-h"><?cs var:Lang.Privacy.Statement.Rights ?></h2>
  <p><?cs var:Lang.Privacy.Statement.RightsIntro ?></p>
  <ul>
    <?cs each:x = Lang.Privacy.Statement.RightsList ?><li><?cs var:x ?></li><?cs /each ?>
  </ul>
  <p><?cs var:Lang.Privacy.Statement.How ?> <?cs var:Page.RequestMonths ?> <?cs var:Lang.Privacy.Statement.HowMonths ?></p>
  <p><?cs var:Lang.Privacy.Statement.Complain ?> <?cs var:Page.Controller.Authority ?></p>
</section>
<section class="panel" aria-labelledby="safe-h">
  <h2 id="safe-h"><?cs var:Lang.Privacy.Statement.Security ?></h2>
  <p><?cs var:Lang.Privacy.Statement.SecurityText ?></p>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
