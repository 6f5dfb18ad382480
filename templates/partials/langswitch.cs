<?cs # langswitch.cs: the language switch, a form that works without script ?>
<form method="post" action="<?cs var:Page.Prefix ?>/lang" class="langswitch" aria-label="<?cs var:Lang.LangSwitch.Label ?>">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="next" value="<?cs var:Page.Path ?>">
  <?cs each:l = Page.Langs ?><button type="submit" name="lang" value="<?cs var:l ?>" lang="<?cs var:l ?>" title="<?cs var:Lang.LangSwitch[l] ?>"<?cs if:l == Page.Lang ?> aria-current="true" class="current"<?cs /if ?>><?cs var:l ?></button><?cs /each ?>
</form>
